"""The quote library on screen: every stored quote, found by number or customer, opened, approved or marked."""
