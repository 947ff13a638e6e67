"""Every write to the catalogue (records and items) goes through these functions.

- ``save_record`` / ``delete_record`` / ``add_item`` / ``update_item`` / ``withdraw_item``:
  single changes, each atomic, the search index updated when the transaction commits;
- ``import_records``: a whole MARC file, batched, with rejects and a summary;
- ``export_records``: the catalogue (with items as holdings fields) as MARC.
"""

from .batches import ItemsPolicy
from .exporting import export_records
from .holdings import HoldingsMap
from .importing import ImportProblem, ImportSummary, import_records
from .items import add_item, update_item, withdraw_item
from .records import delete_record, save_record

__all__ = [
    "HoldingsMap",
    "ImportProblem",
    "ImportSummary",
    "ItemsPolicy",
    "add_item",
    "delete_record",
    "export_records",
    "import_records",
    "save_record",
    "update_item",
    "withdraw_item",
]
