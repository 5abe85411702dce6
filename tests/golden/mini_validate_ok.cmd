validate @MINI
