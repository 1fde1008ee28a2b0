"""The password hasher, chosen for what one login costs the server.

Measured on the portal's two cores (whole processes, median of five, one hash = one login):
Django's default PBKDF2-SHA256 at 1,000,000 rounds 0.27 s of CPU; PBKDF2 at 600,000 rounds 0.20 s;
Django's default Argon2id (100 MiB, 2 passes, 8 lanes) 0.23 s and 100 MiB; scrypt (N=2^14, r=8)
0.21 s; Argon2id at 19 MiB, 2 passes, 1 lane 0.024 s. The last is the minimum the OWASP password
storage guidance gives for Argon2id: memory-hard, so a stolen table of hashes is as costly to
attack on graphics cards as the slow PBKDF2 settings, while a login costs a tenth of the CPU. Login
floods are stopped before hashing (units.login_limits); this keeps honest logins cheap too.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, two passes and one lane.

    The algorithm name stays "argon2": hashes made with other Argon2 parameters still verify,
    and Django rewrites them with these at the user's next login (must_update compares them).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
