"""A stand-in for a phone photo, the same bytes on every run: 4032x3024 (12 MP), JPEG quality
92 with 4:2:0 chroma, about 3 MB, with structure at every scale (a blurred random field plus
sensor-like noise) so that it compresses and decodes like a photograph, not like a flat test
card. Usage: python3 bench/photo_gen.py OUT.jpg (needs Pillow: pip install pillow)."""
import random
import sys

from PIL import Image

W, H, SEED = 4032, 3024, 20261207
rnd = random.Random(SEED)
# Large shapes: a coarse random field, enlarged smoothly; then mid-scale detail.
coarse = Image.frombytes("RGB", (63, 47), rnd.randbytes(63 * 47 * 3)).resize((W, H), Image.BICUBIC)
mid = Image.frombytes("RGB", (504, 378), rnd.randbytes(504 * 378 * 3)).resize((W, H), Image.BILINEAR)
noise = Image.frombytes("RGB", (W, H), rnd.randbytes(W * H * 3))
img = Image.blend(Image.blend(coarse, mid, 0.35), noise, 0.045)
img.save(sys.argv[1], "JPEG", quality=92, subsampling=2)
