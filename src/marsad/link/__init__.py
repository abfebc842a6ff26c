"""Steps across articles: copies and reused passages, stories and events, entities across articles, claims
and disagreements. Each is staged map -> reduce -> apply (:mod:`marsad.link.base`)."""
