# What `cmake --install` puts under the prefix:
#
#   bin/iterguard                          the scanner
#   lib/iterguard-tidy-module.so           clang-tidy --load=...
#   lib/iterguard-plugin.so                clang++ -fplugin=...
#   lib/cmake/iterguard/                   find_package(iterguard)
#   share/man/man1/iterguard.1             the manual page
#   share/doc/iterguard/                   README.md and docs/**/*.md
#
# (lib/ is CMAKE_INSTALL_LIBDIR, which GNUInstallDirs makes lib/<multiarch>
# for a /usr prefix on Debian.) Everything is installed from here, after the
# targets exist, so the directories that define them stay about building.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The installed files still load the libclang-cpp and libLLVM they were built
# against, also when those live outside the loader's default paths.
set_target_properties(iterguard IterguardTidyModule IterguardPlugin
  PROPERTIES INSTALL_RPATH "${LLVM_LIBRARY_DIR}")

install(TARGETS iterguard RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS IterguardTidyModule IterguardPlugin
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/iterguard.1"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
# docs/ keeps its place beside README.md, so the README's links still work.
install(FILES "${PROJECT_SOURCE_DIR}/README.md"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs"
  FILES_MATCHING PATTERN "*.md")

set(ITERGUARD_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/iterguard")
set(ITERGUARD_INSTALL_EXECUTABLE "${CMAKE_INSTALL_BINDIR}/iterguard")
set(ITERGUARD_INSTALL_TIDY_MODULE
  "${CMAKE_INSTALL_LIBDIR}/iterguard-tidy-module${CMAKE_SHARED_MODULE_SUFFIX}")
set(ITERGUARD_INSTALL_PLUGIN
  "${CMAKE_INSTALL_LIBDIR}/iterguard-plugin${CMAKE_SHARED_MODULE_SUFFIX}")
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/iterguardConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/iterguardConfig.cmake"
  INSTALL_DESTINATION "${ITERGUARD_CMAKE_PACKAGE_DIR}"
  PATH_VARS ITERGUARD_INSTALL_EXECUTABLE ITERGUARD_INSTALL_TIDY_MODULE
            ITERGUARD_INSTALL_PLUGIN)
# The module and the plugin load only into tools of the same LLVM release, so
# a newer iterguard is not a drop-in for an older one before 1.0.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/iterguardConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/cmake/iterguardConfig.cmake"
  "${PROJECT_BINARY_DIR}/cmake/iterguardConfigVersion.cmake"
  DESTINATION "${ITERGUARD_CMAKE_PACKAGE_DIR}")
