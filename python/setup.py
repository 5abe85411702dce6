"""Builds the silkroute package: the C++ extension through the project's CMake, and the
embedded Belt and Road network as package data. Works offline:

    python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-index --no-build-isolation ./python
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        build = Path(self.build_temp).resolve() / "cmake"
        build.mkdir(parents=True, exist_ok=True)
        subprocess.check_call(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                               f"-DPython_EXECUTABLE={sys.executable}", "-DSILKROUTE_TESTS=OFF"])
        subprocess.check_call(["cmake", "--build", str(build), "--target", "_silkroute", "-j", str(os.cpu_count() or 1)])
        built = next((build / "python" / "silkroute").glob("_silkroute*.so"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


class BuildWithData(build_py):
    """Ships data/bri inside the package, so Network.load() works without the source tree."""

    def run(self):
        super().run()
        shutil.copytree(ROOT / "data" / "bri", Path(self.build_lib) / "silkroute" / "data" / "bri", dirs_exist_ok=True)


setup(
    packages=["silkroute"],
    package_data={"silkroute": ["py.typed", "_silkroute.pyi"]},
    ext_modules=[CMakeExtension("silkroute._silkroute")],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildWithData},
    zip_safe=False,
)
