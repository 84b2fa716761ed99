"""FIT-Connect Subscriber (Submission API v1.1.3): receive end-to-end encrypted Anträge from OZG online
services, verify them, create the Vorgang and confirm with a signed Security Event Token."""
