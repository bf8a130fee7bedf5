"""Reading the content tree into the model, with diagnostics."""
