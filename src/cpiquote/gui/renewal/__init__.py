"""The Renewal workspace: an account manager's subscription, its usage, the forecast, the ways through the contract year
and the renewal quote (usage-and-renewals.md). Built the first time the person switches to it."""
