"""`make train-quotes`: retrain `weights.json` (model.py) from the development set, with its provenance."""

import argparse
import datetime
import hashlib
import json
from pathlib import Path

from .evaluate import source_kind
from .model import DATA, FEATURES, HERE, L2, PRIOR, RATE, STEPS, WEIGHTS, examples, train


def main(argv=None):
    parser = argparse.ArgumentParser(description="Retrain weights.json from the development set.")
    parser.add_argument("--data", default=str(DATA))
    args = parser.parse_args(argv)
    raw = Path(args.data).read_bytes()
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    weights = train(records)

    provenance = {
        "trained_on": str(Path(args.data).resolve().relative_to(HERE.parents[1])),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "articles": len(records),
        "spans": len(examples(records)),
        "kinds": sorted({source_kind(r) for r in records}),
        "trained": datetime.date.today().isoformat(),
        "by": "python -m articles.extraction.train (make train-quotes): logistic regression, "
        f"L2={L2} towards {PRIOR}, {STEPS} steps of gradient descent at rate {RATE}",
    }
    WEIGHTS.write_text(
        json.dumps({"features": list(FEATURES), "weights": weights.weights, "provenance": provenance}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    print(f"Wrote {WEIGHTS} from {len(records)} articles.")


if __name__ == "__main__":
    main()
