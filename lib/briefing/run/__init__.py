"""Running reports: parameters, preflight, kernels, export, publishing, batches and executors."""
