{
  "targets": [
    {
      "target_name": "satprep_kernels",
      "sources": ["kernels.cc"],
      "cflags_cc": ["-O3", "-mavx2", "-mfma", "-std=c++17", "-pthread"],
      "cflags_cc!": ["-fno-exceptions"],
      "ldflags": ["-pthread"]
    }
  ]
}
