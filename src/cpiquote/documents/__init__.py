"""A priced quotation rendered for people: text, PDF and XLSX, one module per format.

Importing this package is cheap: each format module imports its own library when it is used.
"""
