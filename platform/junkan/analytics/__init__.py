"""Pure analytics core of the hub: snapshots, aggregation, disclosure control, Sankey data,
mass balance and reconciliation, indicators and exports.

Nothing in this package touches the OLTP database or HTTP; the hub wires these functions to
storage and routes.
"""
