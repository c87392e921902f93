"""The open quote, without Qt: the one table of quote inputs, one number grammar, and the quote as a document.

It sits between the documents and pricing: the window edits a quote document, the command line builds one, the
store saves it; all read and write its inputs through the table in `inputs`.
"""
