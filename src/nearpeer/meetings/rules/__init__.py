"""Pure rules of sessions (no Django import): which feedback cells are small enough to hide."""
