# Reference values from first principles (Python 3 standard library only; no scipy).
import math, itertools
def tpdf(x, df):
    c = math.exp(math.lgamma((df+1)/2) - math.lgamma(df/2)) / math.sqrt(df*math.pi)
    return c * (1 + x*x/df) ** (-(df+1)/2)
def tcdf(t, df, steps=200000):
    # Simpson's rule from 0 to |t|, plus 0.5
    a, b = 0.0, abs(t); h = (b-a)/steps
    s = tpdf(a,df) + tpdf(b,df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * tpdf(a+i*h, df)
    area = s*h/3
    return 0.5 + area if t >= 0 else 0.5 - area
def tq(p, df):
    lo, hi = 0.0, 100.0
    for _ in range(60):
        mid = (lo+hi)/2
        if tcdf(mid, df, 20000) < p: lo = mid
        else: hi = mid
    # refine with fine integration
    for _ in range(3):
        f = tcdf(mid, df) - p
        mid -= f / tpdf(mid, df)
    return mid
print('tcdf(2.0,5)=%.12f' % tcdf(2.0,5))
print('tcdf(-1.5,12)=%.12f' % tcdf(-1.5,12))
print('tcdf(0.7,1)=%.12f' % tcdf(0.7,1))
for df in (1, 9, 30, 120):
    print('tq(0.975,%d)=%.9f' % (df, tq(0.975, df)))
d = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4]
n = len(d); m = sum(d)/n; sd = math.sqrt(sum((x-m)**2 for x in d)/(n-1)); se = sd/math.sqrt(n); t = m/se
p = 2*(1-tcdf(t, n-1)); q = tq(0.975, n-1)
print('sleep: mean=%.10f sd=%.10f t=%.10f p=%.10f ci=(%.10f, %.10f)' % (m, sd, t, p, m-q*se, m+q*se))
def wilcoxon(diffs):
    nz = [x for x in diffs if x != 0]
    a = sorted(set(abs(x) for x in nz))
    ranks = {}
    r = 0
    for v in a:
        tcount = sum(1 for x in nz if abs(x) == v)
        ranks[v] = r + (tcount+1)/2; r += tcount
    wp = sum(ranks[abs(x)] for x in nz if x > 0); wm = sum(ranks[abs(x)] for x in nz if x < 0)
    n = len(nz)
    ties = sum((sum(1 for x in nz if abs(x)==v))**3 - sum(1 for x in nz if abs(x)==v) for v in a)
    mean = n*(n+1)/4; var = n*(n+1)*(2*n+1)/24 - ties/48
    z = (wp-mean)/math.sqrt(var)
    p = math.erfc(abs(z)/math.sqrt(2))
    return n, wp, wm, z, p
print('sleep wilcoxon (n, W+, W-, z, p normal):', wilcoxon(d))
def exact(diffs):
    nz = sorted([x for x in diffs if x != 0], key=abs)
    n = len(nz); ranks = list(range(1, n+1))
    wp = sum(r for r, x in zip(ranks, nz) if x > 0)
    le = ge = 0
    for signs in itertools.product((0,1), repeat=n):
        s = sum(r for r, sg in zip(ranks, signs) if sg)
        le += s <= wp; ge += s >= wp
    return n, wp, min(1.0, 2*min(le, ge)/2**n)
print('exact [1,2,3,-4,5,6,7,-8]:', exact([1,2,3,-4,5,6,7,-8]))
print('exact [0.5,-1.25,2,3.5,4,-6,7,9,10,12,-13,15]:', exact([0.5,-1.25,2,3.5,4,-6,7,9,10,12,-13,15]))
big = [3]*20 + [-1]*7 + [0]*5 + [2]*11 + [-2]*4 + [5]*6 + [1]*9
print('big wilcoxon normal:', wilcoxon(big))
n=len(big); m=sum(big)/n; sd=math.sqrt(sum((x-m)**2 for x in big)/(n-1)); se=sd/math.sqrt(n); t=m/se
print('big t: n=%d mean=%.10f sd=%.10f t=%.10f p=%.12e' % (n, m, sd, t, 2*(1-tcdf(t,n-1))))
print('normal cdf via math.erfc: Phi(1.96)=%.12f Phi(-2.5)=%.12e Phi(0.3)=%.12f' % (0.5*math.erfc(-1.96/math.sqrt(2)), 0.5*math.erfc(2.5/math.sqrt(2)), 0.5*math.erfc(-0.3/math.sqrt(2))))
