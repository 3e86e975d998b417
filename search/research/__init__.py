"""Pure: timeline, concordance, quote check, people and export, given what they need."""
