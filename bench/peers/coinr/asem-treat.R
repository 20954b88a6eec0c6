# COINr as a peer: its ASEM example up to screening, then its default outlier treatment, written as a
# fixture Keping's tests compare against (packages/core/src/index-engine/fixtures/coinr-asem-treat.json).
# Run by `npm run bench -- coinr` (bench/coinr.ts), which installs COINr from ../shared/peers first.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")

coin <- build_example_coin(up_to = "Screen", quietly = TRUE)
treated <- suppressMessages(Treat(coin, dset = "Screened", global_specs = list(f1_para = list(winmax = 5))))
before <- get_dset(coin, "Screened")
after <- get_dset(treated, "Treated")
dets <- treated$Analysis$Treated$Dets_Table
codes <- setdiff(names(before), "uCode")

rows <- vapply(codes, function(code) {
  d <- dets[dets$iCode == code, ]
  nwin <- if ("winsorise.nwin" %in% names(d)) d[["winsorise.nwin"]] else 0
  pass0 <- d[["check_SkewKurt0.Pass"]]
  pass1 <- if ("check_SkewKurt1.Pass" %in% names(d)) d[["check_SkewKurt1.Pass"]] else NA
  treatment <- if (isTRUE(pass0)) "none" else if (isTRUE(pass1)) "winsorised" else "log"
  sprintf('{"code":"%s","treatment":"%s","points":%s,"input":%s,"treated":%s}',
          code, treatment, ifelse(is.na(nwin), 0, nwin), num(before[[code]]), num(after[[code]]))
}, character(1))

json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/asem-treat.R <lib> <out> (npm run bench -- coinr)","units":%s,"indicators":[\n%s\n]}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), str(before$uCode), paste(rows, collapse = ",\n"))
writeLines(json, out, sep = "")
