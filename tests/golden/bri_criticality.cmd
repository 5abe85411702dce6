criticality --top 3
