# Reference values for ErfTest: glibc's erf (through Python's math.erf) at 2000 points, x and erf(x) as round-trip decimals.
import math
import random
rnd = random.Random(18)
xs = [0.0, 1e-300, -1e-20, 1e-8, 0.46875, -0.46875, 0.46876, 4.0, -4.0, 4.000001, 5.9, 6.0, 6.5, 27.0]
xs += [rnd.uniform(-0.5, 0.5) for _ in range(600)] + [rnd.uniform(-4.5, 4.5) for _ in range(1000)]
xs += [rnd.uniform(-7, 7) for _ in range(300)] + [10 ** rnd.uniform(-12, -1) for _ in range(2000 - len(xs) - 300)]
while len(xs) < 2000:
    xs.append(-10 ** rnd.uniform(-6, 0.8))
print('# x erf(x), from erf_reference.py (glibc erf through Python ' + '.'.join(map(str, __import__('sys').version_info[:2])) + ')')
for x in xs:
    print(repr(x), repr(math.erf(x)))
