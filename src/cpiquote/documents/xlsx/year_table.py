"""The Quote sheet's per-year table: its columns and the formulas of one contract year (pricing-rules.md section 2, rules 1 to 7).

Interactions and credits ordered may each be empty: a year without a forecast has no required credits (sized in
credits alone), a year without credits ordered is sold as its forecast requires. Empty stays empty (""), never 0.
"""

from __future__ import annotations

from cpiquote.documents.xlsx.cells import COUNT_FORMAT, Figure
from cpiquote.pricing import YearQuote


class Col:
    """The per-year table's columns, named for what they hold: the formulas refer to them by these names."""

    YEAR = "A"
    INTERACTIONS = "B"  # the forecast; empty without one
    REQUIRED = "C"  # credits the forecast needs; empty without one
    ORDERED = "D"  # credits ordered; empty: as the forecast requires
    ANNUAL = "E"  # credits sold (rule 3)
    BAND = "F"
    LIST_PRICE = "G"
    PRICE = "H"
    SUBSCRIPTION = "I"
    CARE = "J"
    OVERAGE_PRICE = "K"
    SHORTFALL = "L"  # credits the forecast needs beyond those ordered
    OVERAGE = "M"  # what the shortfall costs a year at the overage price
    NOTE = "N"


# the columns year_formulas computes, in order
COMPUTED = (
    Col.REQUIRED,
    Col.ANNUAL,
    Col.BAND,
    Col.LIST_PRICE,
    Col.PRICE,
    Col.SUBSCRIPTION,
    Col.CARE,
    Col.OVERAGE_PRICE,
    Col.SHORTFALL,
    Col.OVERAGE,
    Col.NOTE,
)

YEAR_TITLES = (
    "Year",
    "Interactions",
    "Required credits",
    "Credits ordered",
    "Annual credits",
    "Band from",
    "List price per credit",
    "Net price per credit",
    "Annual subscription",
    "Care Package",
    "Overage price per credit",
    "Shortfall credits",
    "Expected overage a year",
    "Note",
)


def year_titles(graduated: bool) -> list[str]:
    """Column titles of the per-year table; in graduated mode the band is the highest used and the price an average."""
    titles = list(YEAR_TITLES)
    if graduated:
        titles[5], titles[6], titles[7] = "Highest band from", "Highest band list price", "Price per credit (average)"
    return titles


def year_formulas(r: int, digits: int, graduated_fee: str | None, price: str, money: str) -> dict[str, tuple[str, str | None]]:
    """Each computed column of the year in row `r`: its expression and number format.

    `digits`: decimals of the credits per interaction; `graduated_fee`: the year's fee as the sum of its band lines
    (graduated mode), None in volume mode; `price` and `money`: number formats of a price per credit and an amount.
    """
    interactions, required, ordered, annual = (f"{column}{r}" for column in (Col.INTERACTIONS, Col.REQUIRED, Col.ORDERED, Col.ANNUAL))
    net_price, subscription = f"{Col.PRICE}{r}", f"{Col.SUBSCRIPTION}{r}"
    band = f"MATCH({annual},BandFrom,1)"
    return {
        Col.REQUIRED: (f'IF({interactions}="","",ROUNDUP(ROUND({interactions}*CreditsPerInteraction,{digits}),0))', COUNT_FORMAT),
        # rule 3: the credits ordered when given, else the forecast's in whole blocks, at least the minimum
        Col.ANNUAL: (f'IF({ordered}="",MAX(MinimumAnnualCredits,CEILING({required},CreditIncrement)),{ordered})', COUNT_FORMAT),
        Col.BAND: (f"INDEX(BandFrom,{band})", COUNT_FORMAT),
        Col.LIST_PRICE: (f"INDEX(BandListPrice,{band})", price),
        Col.PRICE: (f"ROUND({subscription}/{annual},4)" if graduated_fee else f"INDEX(BandNetPrice,{band})", price),
        Col.SUBSCRIPTION: (graduated_fee or f"ROUND({annual}*{net_price},2)", money),
        Col.CARE: (f"IF(CarePackage=1,MAX(CareMinimumFee,ROUND({subscription}*CarePercent/100,2)),0)", money),
        Col.OVERAGE_PRICE: (f"ROUND({net_price}*OverageMultiplier,4)", price),
        Col.SHORTFALL: (f'IF({required}="",0,MAX(0,{required}-{annual}))', COUNT_FORMAT),
        Col.OVERAGE: (f"ROUND({Col.SHORTFALL}{r}*{Col.OVERAGE_PRICE}{r},2)", money),
        Col.NOTE: (year_note(r), None),
    }


def year_values(year: YearQuote | None) -> dict[str, Figure]:
    """What each computed column of `year_formulas` shows for the engine's contract year; empty beyond the contract."""
    if year is None:
        return dict.fromkeys(COMPUTED, "")
    return {
        Col.REQUIRED: "" if year.required_credits is None else year.required_credits,
        Col.ANNUAL: year.annual_credits,
        Col.BAND: year.band_from,
        Col.LIST_PRICE: year.list_price_per_credit,
        Col.PRICE: year.price_per_credit,
        Col.SUBSCRIPTION: year.annual_subscription,
        Col.CARE: year.care_package,
        Col.OVERAGE_PRICE: year.overage_price_per_credit,
        Col.SHORTFALL: year.shortfall_credits,
        Col.OVERAGE: year.expected_overage,
        Col.NOTE: year_note_text(year),
    }


def year_note_text(year: YearQuote) -> str:
    """The Note `year_note` shows for the engine's contract year."""
    if year.ordered_credits is None:
        return "Raised to the minimum order" if year.minimum_applied else ""
    if year.interactions is None:
        return "No forecast given: sized in credits"
    return "Under-ordered: overage expected" if year.shortfall_credits > 0 else ""


def year_note(r: int) -> str:
    """The Note of the year in row `r`: a missing volume, no forecast (why its interactions and required credits are
    blank), the minimum order raising the credits, or an order below the forecast."""
    interactions, required, ordered = f"{Col.INTERACTIONS}{r}", f"{Col.REQUIRED}{r}", f"{Col.ORDERED}{r}"
    minimum = f'IF(CEILING({required},CreditIncrement)<MinimumAnnualCredits,"Raised to the minimum order","")'
    below = f'IF({Col.SHORTFALL}{r}>0,"Under-ordered: overage expected","")'
    by_order = f'IF({interactions}="","No forecast given: sized in credits",{below})'
    return f'IF(AND({interactions}="",{ordered}=""),"Enter interactions or credits ordered",IF({ordered}="",{minimum},{by_order}))'
