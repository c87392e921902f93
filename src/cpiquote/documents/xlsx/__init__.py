"""The live Excel workbook (openpyxl): `workbook.render_xlsx`, its quote and price book sheets and cell helpers."""
