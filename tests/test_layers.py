"""The layer picture is one picture: pyproject's cross-package layers contract places every
package that the exhaustive per-package contracts place, so DESIGN.md's order holds across
`backend`, `plugins` and `storefront_api` for new modules too."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["name"]: contract for contract in config["contracts"]}


def _names(layers: list[str], prefix: str = "") -> set[str]:
    return {prefix + name for layer in layers for name in re.findall(r"[\w.]+", layer)}


def test_the_cross_package_contract_places_every_backend_and_plugins_module():
    # given the exhaustive per-package contracts
    contracts = _contracts()
    placed = _names(contracts["Haat layers (DESIGN.md)"]["layers"])
    backend = _names(contracts["Every backend module has its layer"]["layers"], "backend.")
    plugins = _names(contracts["Every plugins module has its layer"]["layers"], "plugins.")
    # when compared with the cross-package layers
    missing = sorted((backend | plugins) - placed)
    # then nothing placed inside a package is missing from the whole picture
    assert missing == []


def test_every_package_on_disk_is_in_an_exhaustive_contract():
    # given the packages and modules directly under each root
    contracts = _contracts()
    placed = set()
    for root in ("backend", "plugins", "storefront_api"):
        placed |= _names(contracts[f"Every {root} module has its layer"]["layers"], f"{root}.")
    on_disk = {
        f"{root}.{path.stem}"
        for root in ("backend", "plugins", "storefront_api")
        for path in (ROOT / root).iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    # then every one has a layer (import-linter checks this too; this says which file to edit)
    assert sorted(on_disk - placed) == []
