"""Demo and benchmark data: the sample catalogue (`make demo`) and bulk seeding (`make bench`)."""
