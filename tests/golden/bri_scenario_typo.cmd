route Xian Duisburg --scenario tests/data/scenarios/typo.toml
