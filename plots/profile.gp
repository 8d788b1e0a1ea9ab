# profile.gp: a spider chart of the top models across the benchmarks.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/profile.gp
# from any directory: it reads profile.dat and writes profile.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'profile.dat'
set terminal pngcairo noenhanced size 1002,700 font 'Sans,10'
set output dir.'profile.png'
set datafile separator tab
set linetype 1 lc rgb '#4e79a7' lw 1.5 pt 7 ps 0.8
set linetype 2 lc rgb '#f28e2b' lw 1.5 pt 7 ps 0.8
set linetype 3 lc rgb '#e15759' lw 1.5 pt 7 ps 0.8
set linetype 4 lc rgb '#76b7b2' lw 1.5 pt 7 ps 0.8
set linetype 5 lc rgb '#59a14f' lw 1.5 pt 7 ps 0.8
set linetype 6 lc rgb '#edc948' lw 1.5 pt 7 ps 0.8
set linetype 7 lc rgb '#b07aa1' lw 1.5 pt 7 ps 0.8
set linetype 8 lc rgb '#ff9da7' lw 1.5 pt 7 ps 0.8
set linetype 9 lc rgb '#9c755f' lw 1.5 pt 7 ps 0.8
set linetype 10 lc rgb '#bab0ac' lw 1.5 pt 7 ps 0.8
set linetype cycle 10
set title 'Benchmark profile'."\n".'top 8 of 13 ranked models (3 of 16 not ranked)'."\n".'in rank order by the average of 6 benchmarks (Open LLM Leaderboard v1)'."\n".'centre 0, rim 100' font ',12'
set spiderplot
set style spiderplot fillstyle transparent solid 0.05 border lw 1.5 pointtype 7 pointsize 0.8
set for [p=1:6] paxis p range [0:100]
set paxis 1 tics font ',8'
set for [p=2:6] paxis p tics format ''
set label 1 'ARC' at first 0.0000, first 1.0700 center font ',11' front
set label 2 'HellaSwag' at first 0.9266, first 0.5350 left font ',11' front
set label 3 'MMLU' at first 0.9266, first -0.5350 left font ',11' front
set label 4 'TruthfulQA' at first 0.0000, first -1.0700 center font ',11' front
set label 5 'Winogrande' at first -0.9266, first -0.5350 right font ',11' front
set label 6 'GSM8K' at first -0.9266, first 0.5350 right font ',11' front
set grid spiderplot
set tmargin 8
set bmargin 4
set lmargin at screen 0.1090
set rmargin at screen 0.5884
set key outside right center vertical Left reverse spacing 1.4
set title offset 0,2.2
plot for [c=5:10] data using c notitle, \
     keyentry with spiderplot lt 1 title '1. 01-ai/Yi-34B', \
     keyentry with spiderplot lt 2 title '2. mistralai/Mixtral-8x7B-v0.1', \
     keyentry with spiderplot lt 3 title '3. meta-llama/Llama-2-70b-hf', \
     keyentry with spiderplot lt 4 title '4. tiiuae/falcon-180B', \
     keyentry with spiderplot lt 5 title '5. tiiuae/falcon-40b', \
     keyentry with spiderplot lt 6 title '6. meta-llama/Llama-2-13b-hf', \
     keyentry with spiderplot lt 7 title '7. lmsys/vicuna-13b-v1.5', \
     keyentry with spiderplot lt 8 title '8. lmsys/vicuna-13b-v1.3'
