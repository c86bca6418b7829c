"""What every wire comparer needs: both specs, the schema comparer, the collector and today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from larkpay_specdiff.loading.document import Address, Spec, near
from larkpay_specdiff.wire.collector import Collector
from larkpay_specdiff.wire.schemas import SchemaComparer


@dataclass
class DiffContext:
    """Shared state of one wire diff."""

    base: Spec
    head: Spec
    schemas: SchemaComparer
    out: Collector
    today: date

    def head_near(self, address: Address) -> Address:
        """Where something that only the base has would be in the head (nearest parent)."""
        return near(address, self.base, self.head)

    def base_near(self, address: Address) -> Address:
        """Where something that only the head has would be in the base (nearest parent)."""
        return near(address, self.head, self.base)
