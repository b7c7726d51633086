# parindex_embed(TARGET name OUTPUT file.cpp NAMESPACE ns FILES a b c)
# Generates a C++ source that holds the named files' bytes, so that migrations and demo data ship
# inside the program and a fresh data folder needs nothing else.
function(parindex_embed)
  cmake_parse_arguments(E "" "OUTPUT;FUNCTION" "FILES" ${ARGN})
  # A CMake list would split into several shell words; pass the names joined by `|` instead.
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DFUNCTION=${E_FUNCTION} "-DFILES=${files_arg}"
            -DBASE=${CMAKE_SOURCE_DIR} -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${E_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${E_FUNCTION}"
    VERBATIM)
endfunction()
