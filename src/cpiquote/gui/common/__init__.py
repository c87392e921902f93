"""What every workspace of the window shares: theme, layout, icons, dialogs, fields and tables."""
