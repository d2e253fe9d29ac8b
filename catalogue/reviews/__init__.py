"""Oscar's product reviews, written only by buyers who received the product.

Oscar's loader finds these modules as ``catalogue.reviews.*`` because the
catalogue app is forked; the reviews app itself (models and migrations) stays
Oscar's.
"""
