"""The quote workspace: the form, the figures, the guidance, scenarios and the commands that act on them."""
