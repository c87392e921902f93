"""The customer-ready PDF quote (reportlab): `document.render_pdf` and the page, text, table and section pieces."""
