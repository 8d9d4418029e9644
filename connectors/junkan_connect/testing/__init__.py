"""Contract tests any connector package can run (also loaded as the pytest plugin
`junkan_connect.testing.plugin`, which adds the `no_network` fixture).

    from junkan_connect.testing import ConnectorContract

    class TestMyConnector(ConnectorContract):
        connector = "my-format"                 # entry-point name (or a Connector subclass)
        config = {"reporter": "https://example.org/orgs/me", "region": "13"}
        samples = ["tests/data/one.xml", "tests/data/two.xml"]

The suite checks that every emitted record validates against the vocabulary, that conversion
is deterministic, that the report gives every input item exactly one outcome and accounts for
every record, that connector is registered and loadable, and that nothing touches the network.
"""

from junkan_connect.testing.contract import ConnectorContract, Conversion, run_connector
from junkan_connect.testing.network import NetworkAccessError, no_network

__all__ = ["ConnectorContract", "Conversion", "NetworkAccessError", "no_network", "run_connector"]
