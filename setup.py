"""The compiled page engine (marsad.clean._page), built where Cython and a C compiler are at hand. Where it
cannot be built the install goes on, says so, and the Python engine (marsad.clean.page) runs instead, with
the same output. The build records a digest of its source: marsad.clean refuses a compiled engine older
than the source beside it, so a failed rebuild never leaves stale code running."""

import hashlib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

SOURCE = Path("src/marsad/clean/_page.pyx")


class OptionalBuildExt(build_ext):
    def run(self) -> None:
        try:
            super().run()
        except Exception as e:
            self._skipped(e)

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as e:
            self._skipped(e)

    def _skipped(self, error: Exception) -> None:
        for stale in SOURCE.parent.glob("_page.*.so"):  # an older build must not stay in use
            stale.unlink()
        print(f"\nmarsad: WARNING: the compiled page engine was not built ({error}); the Python engine will "
              "run instead (same output, slower)\n")


def extensions() -> list:
    try:
        from Cython.Build import cythonize
        from setuptools import Extension
    except ImportError:
        return []
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    ext = Extension("marsad.clean._page", [str(SOURCE)], define_macros=[("MARSAD_SOURCE_DIGEST", f'"{digest}"')])
    return cythonize([ext], quiet=True, force=True)


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
