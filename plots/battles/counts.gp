# counts.gp: the votes between each two models, a heatmap.
# Written by 'leaderboard plot'. Render it with
#     gnuplot path/to/counts.gp
# from any directory: it reads counts.dat and writes counts.png next to itself
# (ARG0 is this script's path). Labels are single-quoted literals.
i = strlen(ARG0)
while (i > 0 && ARG0[i:i] ne '/') { i = i - 1 }
dir = ARG0[1:i]
data = dir.'counts.dat'
set terminal pngcairo noenhanced size 745,668 font 'Sans,10'
set output dir.'counts.png'
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
set title 'Votes between the row''s model and the column''s'."\n".'all 10 rated models, from 100,000 votes'."\n".'blank: no votes' font ',12'
set lmargin at screen 0.2491
set rmargin at screen 0.8397
set tmargin at screen 0.8353
set bmargin at screen 0.1779
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
set xtics rotate by 45 right nomirror scale 0
set ytics nomirror scale 0
unset key
set colorbox user origin screen 0.8639, screen 0.1779 size screen 0.025, screen 0.6587
set xtics ('org6/model-006-base' 0)
set ytics ('1. org6/model-006-base' 0)
set xtics add ('org8/model-008-chat' 1)
set ytics add ('2. org8/model-008-chat' 1)
set xtics add ('org5/model-005-chat' 2)
set ytics add ('3. org5/model-005-chat' 2)
set xtics add ('org3/model-003-base' 3)
set ytics add ('4. org3/model-003-base' 3)
set xtics add ('org7/model-007-chat' 4)
set ytics add ('5. org7/model-007-chat' 4)
set xtics add ('org9/model-009-base' 5)
set ytics add ('6. org9/model-009-base' 5)
set xtics add ('org2/model-002-chat' 6)
set ytics add ('7. org2/model-002-chat' 6)
set xtics add ('org0/model-000-base' 7)
set ytics add ('8. org0/model-000-base' 7)
set xtics add ('org4/model-004-chat' 8)
set ytics add ('9. org4/model-004-chat' 8)
set xtics add ('org1/model-001-chat' 9)
set ytics add ('10. org1/model-001-chat' 9)
set palette defined (0 '#f7f7f7', 1 '#4e79a7')
set cbrange [0:2357]
set cblabel 'votes'
plot data using 1:2:3 with image pixels, \
     data using 1:2:($4 > 0 ? sprintf('%.0f', $3) : '') with labels font ',9'
