"""The live Excel workbook, written with XlsxWriter (each formula with its figure): `workbook.render_xlsx` and its parts."""
