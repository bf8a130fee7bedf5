"""The browser editor: Decap CMS, vendored from npm (vendor/decap-cms/), with a
configuration made from focus.yaml and the content tree (`decap.py`)."""
