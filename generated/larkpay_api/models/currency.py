from enum import StrEnum


class Currency(StrEnum):
    AUD = "AUD"
    CAD = "CAD"
    CHF = "CHF"
    EUR = "EUR"
    GBP = "GBP"
    JPY = "JPY"
    SEK = "SEK"
    USD = "USD"

    def __str__(self) -> str:
        return str(self.value)
