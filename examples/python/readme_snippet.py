# The snippet of python/README.md; run from the repository root. A test checks that the
# README shows these lines verbatim and that the script prints the signer's fingerprint.
from pathlib import Path

import trustmeta

store = trustmeta.TrustStore.from_pem(Path("tests/data/sample/signer.pem").read_bytes())
doc = trustmeta.verify(Path("tests/data/sample/smp-signed.xml").read_bytes(), store)
print(doc.signer_sha256)
