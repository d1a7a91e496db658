# The SAML metadata snippet of python/README.md; run from the repository root. A test
# checks that the README shows these lines verbatim and what the script prints.
from datetime import datetime, timezone
from pathlib import Path

import trustmeta

federation = trustmeta.TrustStore.from_pem(Path("tests/data/metadata/signed/signer.pem").read_bytes())
xml = Path("tests/data/metadata/signed/aggregate.xml").read_bytes()
md = trustmeta.verify_metadata(xml, federation, now=datetime(2026, 6, 1, tzinfo=timezone.utc), profile="etoegang")
assert md.etoegang is not None
print(md.etoegang.sequence, md.entities, md.expires)
eb = md.find_entity("urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice")
if eb is not None:
    print(eb.group, eb.etoegang_role, eb.acts_as("AD"), eb.acts_as("MR"), eb.offered_for_ad_selection)
