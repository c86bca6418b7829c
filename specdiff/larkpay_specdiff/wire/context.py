"""What every wire comparer needs: both specs, the schema comparer, the collector and today."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date

from larkpay_specdiff.loading.document import Address, Spec
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
        return self.head.nearest(_translate(address, self.base, self.head))

    def base_near(self, address: Address) -> Address:
        """Where something that only the head has would be in the base (nearest parent)."""
        return self.base.nearest(_translate(address, self.head, self.base))


def _translate(address: Address, source: Spec, target: Spec) -> Address:
    """The same place in the other side, whose root file may have another name or folder."""
    path, pointer = address
    if path == source.root_file:
        return target.root_file, pointer
    relative = posixpath.relpath(path, posixpath.dirname(source.root_file) or ".")
    return posixpath.normpath(
        posixpath.join(posixpath.dirname(target.root_file), relative)
    ), pointer
