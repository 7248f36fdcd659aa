# lit configuration for iterguard's front-end tests.
import os

import lit.formats

config.name = "iterguard"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.iterguard_binary_dir, "test", "lit")

# FileCheck and not must come from the LLVM the project is built against.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])

driver = os.path.join(config.test_source_root, "check_iterguard.py")
config.substitutions.append(
    ("%check_iterguard",
     " ".join([config.python, driver,
               "--iterguard", config.iterguard_bin,
               "--clang-tidy", config.clang_tidy,
               "--module", config.tidy_module,
               "--plugin", config.compiler_plugin,
               "--clang", config.clang,
               "--filecheck", config.filecheck])))
# Before %iterguard, which is a prefix of it.
config.substitutions.append(("%iterguard_plugin", config.compiler_plugin))
config.substitutions.append(("%iterguard", config.iterguard_bin))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%tidy_module", config.tidy_module))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%run_clang_tidy", config.run_clang_tidy))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%ninja", config.ninja))
config.substitutions.append(("%build_dir", config.iterguard_binary_dir))
config.substitutions.append(("%mock_std", os.path.join(
    config.test_source_root, "Inputs", "mock-std")))
config.substitutions.append(("%python", config.python))
config.substitutions.append(
    ("%expect_exit", config.python + " " +
     os.path.join(config.test_source_root, "expect_exit.py")))
config.substitutions.append(
    ("%clang_syntax_only",
     os.path.join(config.llvm_tools_dir, "clang") + " -fsyntax-only"))

# The Neovim language-server test says "REQUIRES: nvim".
if config.nvim:
    config.available_features.add("nvim")
    config.substitutions.append(("%nvim", config.nvim))

# Tests that need the SARIF Multitool say "REQUIRES: sarif-multitool".
if config.sarif_multitool:
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif_multitool", config.sarif_multitool))
config.substitutions.append(
    ("%in_pty", config.python + " " +
     os.path.join(config.test_source_root, "run_in_pty.py")))
