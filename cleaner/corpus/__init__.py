"""Running the cleaner over many documents: discovery, batches, executors."""
