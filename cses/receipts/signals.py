"""What the receipts app tells downstream apps. Receipts is upstream of the ledger, so it never
calls it: it announces that receipts were recorded or changed, and the ledger (which listens, see
``cses.ledger.apps``) posts what the receipts' states call for, in the same transaction."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``receipt_ids`` (a list of ids) after receipts were created or changed state.
receipts_changed = Signal()
