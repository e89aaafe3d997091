"""`make bench`'s pieces that are not the command: the ten-year dataset (`data`) and
the timing of the signed protokoll (`signing`)."""
