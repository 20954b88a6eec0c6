# COINr as a peer: its ASEM example's imputation step (i_mean_grp by EurAsia_group, on the denominated
# data), written as a fixture Keping's tests compare against
# (packages/core/src/index-engine/fixtures/coinr-asem-impute.json). Run by `npm run bench -- coinr`.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ","), "]")

coin <- build_example_coin(up_to = "Impute", quietly = TRUE)
before <- get_dset(coin, "Denominated", also_get = "EurAsia_group")
after <- get_dset(coin, "Imputed")
codes <- setdiff(names(after), "uCode")
rows <- vapply(codes, function(code) {
  sprintf('{"code":"%s","input":%s,"imputed":%s}', code, num(before[[code]]), num(after[[code]]))
}, character(1))
json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/asem-impute.R <lib> <out> (npm run bench -- coinr)","units":%s,"groups":%s,"indicators":[\n%s\n]}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), str(before$uCode), str(before$EurAsia_group), paste(rows, collapse = ",\n"))
writeLines(json, out, sep = "")
