"""Pure rules of the curriculum: no Django import, so they are fast to test and easy to read."""
