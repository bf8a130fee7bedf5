"""Maatwerk per gemeente: a profile (`gemeenten/SLUG.yaml`) becomes a dated programme.

- `model.py`: the profile and its plan, frozen;
- `profiles.py`: reading and checking the profiles, every problem a diagnostic;
- `calendar.py`: when each blok falls, the feasts skipped, and the dates of the
  gesprekken spread over the kringavonden.

Profiles stay out of the site's model: nothing of a gemeente (its name, its
contacts) can reach the public site. Only the gemeente product
(`products/gemeenten.py`) sees them.
"""
