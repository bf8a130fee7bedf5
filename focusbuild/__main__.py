from focusbuild.cli import main

main()
