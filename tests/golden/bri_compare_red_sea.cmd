compare today red-sea-closure --places shanghai,singapore,piraeus,rotterdam --modes sea --by-country --top 6
