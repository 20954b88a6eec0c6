# COINr as a peer: get_PCA() on the ASEM example coin (per group and over a whole level, with and
# without missing values), its eigenvalues, loadings (prcomp's rotation) and the weights it derives
# (the first component's loadings), written as a fixture Keping's tests compare against
# (packages/core/src/index-engine/fixtures/coinr-pca.json). Run by `npm run bench -- coinr`.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, num), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")

coin <- suppressMessages(build_example_coin(quietly = TRUE))
runs <- list(
  # COINr's testthat get_pca: the Sust groups of the raw data (gaps: complete cases only)
  list(name = "raw_sust_by_group", dset = "Raw", iCodes = "Sust", Level = 1, by_groups = TRUE),
  list(name = "normalised_conn_by_group", dset = "Normalised", iCodes = "Conn", Level = 1, by_groups = TRUE),
  list(name = "normalised_all_indicators", dset = "Normalised", iCodes = NULL, Level = 1, by_groups = FALSE),
  list(name = "aggregated_pillars", dset = "Aggregated", iCodes = NULL, Level = 2, by_groups = FALSE)
)
cases <- character(0)
for (r in runs) {
  res <- get_PCA(coin, dset = r$dset, iCodes = r$iCodes, Level = r$Level, by_groups = r$by_groups, nowarnings = TRUE, out2 = "list")
  for (g in names(res$PCAresults)) {
    p <- res$PCAresults[[g]]
    codes <- p$iCodes
    x <- get_data(coin, dset = r$dset, iCodes = codes, Level = r$Level, also_get = "uCode")
    cases <- c(cases, sprintf(
      '{"run":"%s","dset":"%s","group":"%s","units":%s,"indicators":%s,"data":%s,"complete":%d,"eigenvalues":%s,"rotation":%s,"weights":%s}',
      r$name, r$dset, g, str(x$uCode), str(codes), mat(as.matrix(x[codes])), nrow(p$PCAres$x),
      num(p$PCAres$sdev^2), mat(p$PCAres$rotation), num(res$Weights$Weight[match(codes, res$Weights$iCode)])))
  }
}
json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/pca.R <lib> <out> (npm run bench -- coinr)","cases":[\n%s\n]}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), paste(cases, collapse = ",\n"))
writeLines(json, out, sep = "")
