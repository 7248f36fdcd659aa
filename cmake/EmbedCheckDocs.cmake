# Writes OUTPUT, a C++ fragment holding each check's documentation page, so
# `iterguard --explain` and the SARIF rule help work without installed docs.
# Run as: cmake -DDOCS_DIR=<docs/checks> -DOUTPUT=<file> -P EmbedCheckDocs.cmake
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(content "// Generated from ${DOCS_DIR} by EmbedCheckDocs.cmake; do not edit.\n")
foreach(page IN LISTS pages)
  get_filename_component(stem "${page}" NAME_WE)
  file(READ "${page}" text)
  string(FIND "${text}" ")iterguard_doc\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${page} contains the raw-string delimiter")
  endif()
  string(APPEND content
    "{\"iterguard-${stem}\", R\"iterguard_doc(${text})iterguard_doc\"},\n")
endforeach()
# Rewrite only on change, so an unrelated docs edit does not relink.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
