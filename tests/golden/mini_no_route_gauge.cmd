route xian almaty --network @MINI
